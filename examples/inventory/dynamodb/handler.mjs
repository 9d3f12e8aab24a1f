// Variant (c): the same two routes served by a Lambda handler (REST proxy event in, proxy response out) that reads
// the table with the AWS SDK for JavaScript v3. Nothing in it knows about Lakegate; the endpoint comes from
// AWS_ENDPOINT_URL_DYNAMODB, as for any SDK v3 client.
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';

const client = new DynamoDBClient({});
const TableName = process.env.TABLE ?? 'inventory';

const toItem = (i) => ({ sku: i.sku.S, name: i.name.S, qty: Number(i.qty.N), price: Number(i.price.N) });
const reply = (statusCode, body) => ({ statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

export const handler = async (event) => {
  const store = event.queryStringParameters?.store ?? 'main';
  const sku = event.pathParameters?.sku;
  const { Items } = await client.send(new QueryCommand({
    TableName,
    // STORE is a DynamoDB reserved word, hence the #store placeholder.
    KeyConditionExpression: sku ? '#store = :store AND sku = :sku' : '#store = :store',
    ExpressionAttributeNames: { '#store': 'store' },
    ExpressionAttributeValues: sku ? { ':store': { S: store }, ':sku': { S: sku } } : { ':store': { S: store } },
  }));
  if (sku) {
    return Items.length === 0 ? reply(404, { message: `no item ${sku} in store ${store}` }) : reply(200, toItem(Items[0]));
  }
  return reply(200, { store, items: Items.map(toItem) });
};
